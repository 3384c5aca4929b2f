"""`python -m graph` runs the uscn command line."""
from graph.cli import main

main(prog_name="uscn")
