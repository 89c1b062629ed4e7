-- Who a reviewer is, apart from what they are called: the token's issuer and subject (Actors.subjectKey()). Names
-- (upn, preferred_username) are chosen, changed and reused at the identity provider, so the two-person rule and
-- "nobody approves twice" compare this key. Decisions taken before it have none and compare by reviewer name.
ALTER TABLE review_decision ADD COLUMN reviewer_key text;
