"""Record a portal: an operator walks a real portal in the sealed browser while recorder.js
reports where they click and type (never what); the page turns that into a flow draft
(kiosk.core.flows.draft) to word, preview and save as a Get-help service."""
