"""Values kept only to be sent on later are sealed at rest under SECRET_KEY."""

import pytest

from server import sealed


def test_a_sealed_value_opens_under_its_key_only():
    kept = sealed.seal("the server's key", "Basic dHNrX2tleTo=")
    assert "dHNrX2tleTo" not in kept and sealed.unseal("the server's key", kept) == "Basic dHNrX2tleTo="
    with pytest.raises(sealed.SealBroken, match="SECRET_KEY changed"):
        sealed.unseal("another key", kept)
    altered = kept[:-6] + ("A" if kept[-6] != "A" else "B") + kept[-5:]
    with pytest.raises(sealed.SealBroken):
        sealed.unseal("the server's key", altered)
