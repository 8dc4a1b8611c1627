from cmmm.cli.main import run

run()
