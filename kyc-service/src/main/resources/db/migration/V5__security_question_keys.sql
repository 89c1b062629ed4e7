-- Security questions come from a catalogue (QuestionCatalogue, issue 22.1): a profile stores the question's key, and
-- every check shows the catalogue's text in the reader's language. An owner's own text told a real check from a
-- decoy, whose questions always came from the catalogue.
--
-- A stored question whose text (as stored: stripped) equals a catalogue text, in English or Chinese, becomes that
-- key. One that matches none is kept as the owner wrote it, in legacy_question, with its answer hash: no check shows
-- or compares it (a profile left with fewer catalogue questions than a check shows is asked like an account without
-- questions on file), support sees it listed as not asked, and the profile's next PUT replaces it. A second question
-- of one profile that maps to a key already taken stays a legacy question the same way. Nothing is deleted.
ALTER TABLE kyc_security_question RENAME COLUMN question TO legacy_question;
ALTER TABLE kyc_security_question ALTER COLUMN legacy_question DROP NOT NULL;
ALTER TABLE kyc_security_question ADD COLUMN question_key text;

WITH catalogue (question_key, text) AS (VALUES
    ('first-school', 'What was the name of your first school?'),
    ('first-school', '您的小学学校名称是？'),
    ('first-pet', 'What was the name of your first pet?'),
    ('first-pet', '您的第一只宠物叫什么名字？'),
    ('parents-wedding-city', 'In which city were your parents married?'),
    ('parents-wedding-city', '您父母在哪个城市结婚？'),
    ('mother-maiden-name', 'What is your mother''s maiden name?'),
    ('mother-maiden-name', '您母亲的姓名是？'),
    ('first-car-make', 'What was the make of your first car?'),
    ('first-car-make', '您的第一辆车是什么品牌？'),
    ('childhood-nickname', 'What was your childhood nickname?'),
    ('childhood-nickname', '您小时候的昵称是？'),
    ('childhood-street', 'What is the name of the street you grew up on?'),
    ('childhood-street', '您童年居住的街道名称是？'),
    ('favourite-teacher', 'Who was your favourite teacher?'),
    ('favourite-teacher', '您最喜欢的老师姓什么？')),
matched AS (
    SELECT q.account_id, q.position, c.question_key,
           row_number() OVER (PARTITION BY q.account_id, c.question_key ORDER BY q.position) AS nth
    FROM kyc_security_question q JOIN catalogue c ON c.text = q.legacy_question)
UPDATE kyc_security_question q
SET question_key = m.question_key, legacy_question = NULL
FROM matched m
WHERE q.account_id = m.account_id AND q.position = m.position AND m.nth = 1;

-- Each question is either a catalogue key or a kept legacy text, and a profile asks a key at most once (checked at
-- commit: a PUT that reorders the keys updates the rows position by position).
ALTER TABLE kyc_security_question ADD CONSTRAINT kyc_security_question_key_or_legacy
    CHECK ((question_key IS NULL) <> (legacy_question IS NULL));
ALTER TABLE kyc_security_question ADD CONSTRAINT kyc_security_question_key_once
    UNIQUE (account_id, question_key) DEFERRABLE INITIALLY DEFERRED;

-- The questions a check shows when no profile supplies them (a decoy, an account without one), drawn when it opens.
ALTER TABLE identity_check ADD COLUMN fallback_questions text;
