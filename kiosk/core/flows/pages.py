"""Which steps belong to which page: the runner's map for jumping ahead, going back and leaving."""

from __future__ import annotations

from kiosk.core.flows.model import Flow, Page, Step
from kiosk.core.flows.urls import page_matches, resolve_origin, split_url


class PageMap:
    """A flow's pages with its origins resolved (`bases` fills `{portal}`-style templates)."""

    def __init__(self, flow: Flow, bases: dict[str, str]) -> None:
        self.flow = flow
        self.origins = {name: resolve_origin(t, bases) for name, t in flow.origins.items()}
        steps = (*flow.steps, *flow.help)
        self._pages = [s.page for s in steps if s.page is not None]
        self._pages += list(flow.allow)  # `start` is a path to open, not a pattern

    def matches(self, page: Page, url: str) -> bool:
        return page_matches(page, url, self.origins)

    def on(self, step: Step, url: str) -> bool:
        """Whether `url` is the page of `step` (a step without a page is on every page)."""
        return step.page is None or self.matches(step.page, url)

    def known(self, url: str) -> bool:
        """Whether `url` is one of the flow's pages (on one of its hosts)."""
        if split_url(url).host not in self.flow.hosts:
            return False
        return not self._pages or any(self.matches(p, url) for p in self._pages)

    def allowed(self, url: str) -> bool:
        """Whether `url` is a page the flow passes through without a step of its own."""
        return any(self.matches(p, url) for p in self.flow.allow)

    def _index(self, step: Step) -> int:
        steps = self.flow.steps
        return steps.index(step) if step in steps else -1

    def group_start(self, step: Step) -> Step:
        """The first of the consecutive main steps on the same page as `step`."""
        steps, index = self.flow.steps, self._index(step)
        if index < 0 or step.page is None:
            return step
        while index > 0 and steps[index - 1].page == step.page:
            index -= 1
        return steps[index]

    def later_on(self, step: Step, url: str) -> Step | None:
        """The first main step after `step` whose page is `url` (the person went ahead)."""
        for later in self.flow.steps[self._index(step) + 1 :]:
            if later.page is not None and self.matches(later.page, url):
                return later
        return None

    def earlier_on(self, step: Step, url: str) -> Step | None:
        """The start of the last group of main steps before `step` on `url` (went back)."""
        index = self._index(step)
        for earlier in reversed(self.flow.steps[: max(index, 0)]):
            if earlier.page is not None and self.matches(earlier.page, url):
                return self.group_start(earlier)
        return None
