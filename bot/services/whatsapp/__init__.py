"""WhatsApp's rules for bot-initiated messages, as small pure modules: the 24-hour window, message templates,
the messaging tier and what messages cost. The transport adapter lives in bot/transports/whatsapp*.py."""
