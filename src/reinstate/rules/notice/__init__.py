"""The notice reader's data files (phrases per language, playbooks, clocks, contacts) and their loader."""

from reinstate.rules.notice.loader import notice_messages, notice_rules

__all__ = ["notice_messages", "notice_rules"]
