"""Two PCs redeem the last pieces of a gift at once: no piece is sold twice, no order is
numbered twice, and no gift credit is lost (each subscriber's credit is what their own
orders took, the loser told in Persian and charged nothing for the refused attempt)."""

from __future__ import annotations

import json
import subprocess
import sys
import time
import uuid
from pathlib import Path

from hendazh_desktop.domain.permissions import Role
from hendazh_desktop.services.accounts.bootstrap import office_actor
from hendazh_desktop.services.credit.adjustments import GiftCreditService
from hendazh_desktop.services.gifts.catalogue import GiftCatalogue
from hendazh_desktop.services.gifts.records import GiftItemDraft
from hendazh_desktop.ui.messages import message_for_code

WORKER = Path(__file__).with_name("gift_redeem_worker.py")
PIECES = 12
PRICE = 100_000


def test_two_pcs_take_the_last_pieces_one_wins_the_other_is_told(db, manager, new_subscriber):
    consultant = office_actor(db, "pc", role=Role.CONSULTANT)
    catalogue = GiftCatalogue(db)
    item = catalogue.create(
        manager, GiftItemDraft(name="کاسه فیروزه‌کوب", craft="فیروزه‌کوبی", credit_price=str(PRICE))
    )
    catalogue.receive(manager, item.id, str(PIECES))
    subscribers = [
        new_subscriber("علی رضایی", "09171234567"),
        new_subscriber("سارا کاظمی", "09171234568"),
    ]
    credit = GiftCreditService(db)
    for card in subscribers:  # each could take every piece alone
        credit.adjust(manager, card.id, str(PRICE * PIECES), "جایزه", decrease=False,
                      operation_id=str(uuid.uuid4()))  # fmt: skip
    at = time.time() + 3.0
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                str(WORKER),
                db.url,
                str(consultant.user_id),
                str(card.id),
                str(item.id),
                str(at),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for card in subscribers
    ]
    results = []
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        results.append(json.loads(out))
    numbers = [n for r in results for n in r["placed"]]
    assert sorted(numbers) == list(range(1, PIECES + 1))  # every piece once, gapless numbers
    for result in results:  # each PC was finally told the gift is gone, and nothing else
        assert result["refused"] == ["gift_out_of_stock"]
    assert "موجود" in message_for_code("gift_out_of_stock", {"name": "کاسه", "available": 0})
    after = catalogue.item(manager, item.id)
    assert (after.stock, after.on_hand) == (0, PIECES)
    with db.read() as uow:
        assert uow.gifts.stock_from_moves()[item.id] == (0, PIECES)
        for card, result in zip(subscribers, results, strict=True):
            balance = uow.credit.balance(card.id)
            assert balance == uow.credit.sum_of_entries(card.id)
            assert balance == PRICE * (PIECES - len(result["placed"]))
