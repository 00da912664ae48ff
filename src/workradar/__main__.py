from workradar.cli import app

app(prog_name="workradar")
