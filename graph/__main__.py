"""`python -m graph` runs the uscn command line."""
from graph.cli import main

if __name__ == "__main__":  # worker processes import this module too
    main(prog_name="uscn")
