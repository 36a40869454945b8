"""The bot's small web app (Starlette + Jinja2), served by uvicorn inside `wijkgids run`.

Pages belong to features: a module listed in `bot.web.features.FEATURES` exposes
`routes(app) -> list[BaseRoute]`; `create_web_app` mounts them all. See README, "Web pages".
"""
