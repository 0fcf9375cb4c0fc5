"""The web pages the features share, below them: the sealed browser (`browser`), the bridge
into a page's isolated world (`bridge`, `agent.js`), and the guide engine that runs a flow on a
page (`session.GuideSession`) with its side panel (`panel.GuidePanel`). Learn's practice steps
and Get help both use the guide; the recorder uses the browser and the bridge.

Importing `browser`, `session` or `panel` imports QtWebEngine: do it only when a page opens.
"""
