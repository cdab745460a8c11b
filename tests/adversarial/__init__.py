"""Adversarial tests (issue 7): hostile rule files, profiles, case files and batch inputs, each run
through the real command line in a child process whose time and memory are measured."""
