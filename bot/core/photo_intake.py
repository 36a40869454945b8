"""A photo a user sends to a step that asks for one: fetched from their platform, prepared (bot/infra/photos.py)
and kept (bot.infra.models.media), so that residents on every transport can see it."""

from __future__ import annotations

import logging
from dataclasses import replace

from bot.core.conversation import Context
from bot.core.events import Incoming
from bot.core.transport import PhotoSource, PhotoTooLarge, PhotoUnavailable
from bot.infra.crud import media as media_crud
from bot.infra.i18n import _, format_number
from bot.infra.photos import NotAPhoto, prepare

log = logging.getLogger(__name__)


async def keep_photo(ctx: Context, incoming: Incoming) -> Incoming | None:
    """The incoming photo with `photo_id` set; None, after a friendly answer, when it cannot be used."""
    source = ctx.app.transports.get(incoming.transport)
    max_mb = ctx.app.settings.max_photo_mb
    if not isinstance(source, PhotoSource):  # a transport that cannot fetch: it can still show its own photo
        media = media_crud.keep_reference(ctx.session, user_id=ctx.user.id, transport=incoming.transport,
                                          ref=incoming.photo, now=ctx.now)
        return replace(incoming, photo_id=media.id)
    try:
        raw = await source.fetch_photo(incoming.photo, max_bytes=max_mb * 1024 * 1024)
        photo = prepare(raw)
    except PhotoTooLarge:
        ctx.reply(_("That photo is too big for me (at most {mb} MB). Could you send a smaller one?")
                  .format(mb=format_number(max_mb)))
    except NotAPhoto:
        ctx.reply(_("I couldn't open that picture. Could you send it as a photo (JPG or PNG)?"))
    except PhotoUnavailable as exc:
        log.warning("could not fetch a photo from %s: %s", incoming.transport, exc)
        ctx.reply(_("That photo didn't come through. Could you send it again?"))
    else:
        media = media_crud.keep(ctx.session, user_id=ctx.user.id, photo=photo, now=ctx.now)
        return replace(incoming, photo_id=media.id)
    await ctx.ask_current()
    return None
