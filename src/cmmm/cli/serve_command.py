"""``cmmm serve``: run the web application and the JSON API (uvicorn), on SQLite by default.

The database is brought to the current schema first; with ``--demo`` an empty database is filled with demo
data (enterprises, users of every role, assessments at every step) so that a newcomer can click through.
"""

from __future__ import annotations

from typing import Annotated

import typer

from cmmm.cli.output import LANG_OPTION, Language, say, user_errors
from cmmm.settings import Settings


def serve_command(
    host: Annotated[str, typer.Option(help="监听地址 / address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="端口 / port")] = 8000,
    demo: Annotated[
        bool, typer.Option("--demo", help="空数据库先填充演示数据 / fill an empty database with demo data")
    ] = False,
    lang: Language = LANG_OPTION,
) -> None:
    """启动网页应用与 JSON API / start the web application and the JSON API."""
    import uvicorn  # the web stack loads only for this command (see cmmm.cli.main)

    from cmmm.app import create_app
    from cmmm.services.admin_views import model_resolver
    from cmmm.services.demo_site import ensure_demo_site
    from cmmm.services.maintenance import open_platform, upgrade_database

    with user_errors(lang):
        settings = Settings.from_env()
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        upgrade_database(settings)
        platform = open_platform(settings, models=model_resolver(settings.data_dir))
        if demo:
            created = ensure_demo_site(platform)
            if created:
                typer.echo(
                    say(lang, "已填充演示数据；演示账号见 README", "demo data created; see the README for accounts")
                )
        app = create_app(settings, platform)
    typer.echo(say(lang, f"cmmm 已启动：http://{host}:{port}/", f"cmmm is running at http://{host}:{port}/"))
    uvicorn.run(app, host=host, port=port, log_level="warning")
