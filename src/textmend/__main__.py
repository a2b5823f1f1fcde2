from textmend.cli import run

run()
