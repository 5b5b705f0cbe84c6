# __eq__ and ordering methods used by list operations (in, index, count, remove, sort).
class Card:
    ranks = "23456789TJQKA"
    def __init__(self, s):
        self.rank = s[0]
        self.suit = s[1]
    def value(self):
        return Card.ranks.index(self.rank)
    def __eq__(self, o):
        return isinstance(o, Card) and self.rank == o.rank and self.suit == o.suit
    def __lt__(self, o):
        return (self.value(), self.suit) < (o.value(), o.suit)
    def __repr__(self):
        return self.rank + self.suit
hand = [Card(s) for s in "AS 7H TD 2C KH 7S".split()]
print(hand, sorted(hand))
print(Card("7H") in hand, Card("7D") in hand, hand.index(Card("TD")), hand.count(Card("7S")))
hand.remove(Card("2C"))
print(hand, len(hand))
print(Card("AS") == Card("AS"), Card("AS") != Card("AH"), Card("AS") == "AS")
print(sorted(hand, key=lambda c: c.suit + c.rank))
print([c for c in hand if c.rank == "7"])
def best(cards):
    top = cards[0]
    for c in cards[1:]:
        if top < c:
            top = c
    return top
print(best(hand))
