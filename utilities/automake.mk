# utilities/: the command-line tools.
