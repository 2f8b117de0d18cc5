"""Pre-annotation: sources propose spans, the engine stores them as suggestions to accept or reject.

- `proposals`: `Proposal`, `Link`, `Context` and the `ProposalSource` interface a source implements;
- `rules`: reported-speech rules for Arabic news (QUOTE, CUE, SPEAKER and their links);
- `memory`: strings labelled elsewhere in the project, proposed where they recur;
- `layer`: another annotator's layer offered as suggestions;
- `engine`: `Suggester`, which runs sources and stores the result.
"""

from annotator.core.suggestions.engine import RULES_AND_MEMORY, Suggester, SuggestReport, memory_source
from annotator.core.suggestions.layer import LayerSource
from annotator.core.suggestions.memory import MemorySource
from annotator.core.suggestions.proposals import Context, Link, Proposal, ProposalSource
from annotator.core.suggestions.rules import RulesSource

__all__ = [
    "RULES_AND_MEMORY",
    "Context",
    "LayerSource",
    "Link",
    "MemorySource",
    "Proposal",
    "ProposalSource",
    "RulesSource",
    "SuggestReport",
    "Suggester",
    "memory_source",
]
