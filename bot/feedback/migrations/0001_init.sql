-- Feedback schema, version 1. The same SQL runs on SQLite and PostgreSQL:
-- only types both accept, times as Unix milliseconds, user ids as keyed
-- hashes.

-- meta holds per-deployment settings, such as the salt for user hashes.
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- answers holds every answer shown with feedback buttons and every
-- "not covered" answer. qkey groups rewordings of one question.
CREATE TABLE answers (
    id          TEXT PRIMARY KEY,
    question    TEXT NOT NULL,
    qkey        TEXT NOT NULL,
    results     TEXT NOT NULL,
    not_covered INTEGER NOT NULL DEFAULT 0,
    guild       TEXT NOT NULL DEFAULT '',
    channel     TEXT NOT NULL DEFAULT '',
    asker       TEXT NOT NULL DEFAULT '',
    created_at  BIGINT NOT NULL
);
CREATE INDEX answers_qkey ON answers (qkey, created_at);
CREATE INDEX answers_created ON answers (created_at);
CREATE INDEX answers_asker ON answers (asker);

-- votes holds one verdict per user per answer.
CREATE TABLE votes (
    answer_id  TEXT NOT NULL REFERENCES answers (id) ON DELETE CASCADE,
    voter      TEXT NOT NULL,
    verdict    INTEGER NOT NULL CHECK (verdict IN (-1, 1)),
    comment    TEXT NOT NULL DEFAULT '',
    expected   TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (answer_id, voter)
);
CREATE INDEX votes_voter ON votes (voter);

-- reviews holds the moderators' decision on each question group. The
-- question is copied so that a reviewed case outlives pruned answers.
CREATE TABLE reviews (
    qkey         TEXT PRIMARY KEY,
    question     TEXT NOT NULL,
    resolved     INTEGER NOT NULL DEFAULT 0,
    note         TEXT NOT NULL DEFAULT '',
    expected     TEXT NOT NULL DEFAULT '',
    out_of_scope INTEGER NOT NULL DEFAULT 0,
    reviewer     TEXT NOT NULL DEFAULT '',
    reviewed_at  BIGINT NOT NULL
);

-- unanswered groups every "not covered" answer and every vote by question,
-- keeping the groups with at least one "not covered" answer or one 👎.
CREATE VIEW unanswered AS
SELECT qkey,
       SUM(nc)   AS not_covered,
       SUM(down) AS down,
       SUM(up)   AS up,
       MIN(CASE WHEN nc + down > 0 THEN at END) AS first_at,
       MAX(CASE WHEN nc + down > 0 THEN at END) AS last_at
FROM (
    SELECT qkey, 1 AS nc, 0 AS down, 0 AS up, created_at AS at
    FROM answers WHERE not_covered = 1
    UNION ALL
    SELECT a.qkey, 0, CASE WHEN v.verdict < 0 THEN 1 ELSE 0 END,
           CASE WHEN v.verdict > 0 THEN 1 ELSE 0 END, v.updated_at
    FROM votes v JOIN answers a ON a.id = v.answer_id
) events
GROUP BY qkey
HAVING SUM(nc) + SUM(down) > 0;
