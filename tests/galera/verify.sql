-- The checks of tests/galera/fault.sh, run on one node after journal.sql (the temporary table
-- fault_expect: one row per acknowledged write) and SET @seat_plan, @seat_limit.
-- Every line of the output is "lost|invariant <TAB> name <TAB> count <TAB> examples".

-- Acknowledged writes whose state is not in the database. A member's role is checked only as
-- its last acknowledged change with no change of unknown outcome after it (checked = 1).
SELECT 'lost', e.what, COUNT(*), COALESCE(SUBSTRING(GROUP_CONCAT(e.n ORDER BY e.n), 1, 200), '')
FROM fault_expect e
WHERE CASE e.what
	WHEN 'account' THEN NOT EXISTS (SELECT 1 FROM accounts a WHERE a.id = e.account_id AND a.username = e.name)
	WHEN 'organization' THEN NOT EXISTS (SELECT 1 FROM organizations o WHERE o.id = e.org_id
		AND o.username = e.name AND o.owner_account_id = e.account_id)
	WHEN 'plan' THEN NOT EXISTS (SELECT 1 FROM organizations o WHERE o.id = e.org_id AND o.plan = e.val)
	WHEN 'membership' THEN NOT EXISTS (SELECT 1 FROM memberships m WHERE m.organization_id = e.org_id
		AND m.account_id = e.account_id AND (e.checked = 0 OR m.role = e.val))
	WHEN 'role' THEN e.checked = 1 AND NOT EXISTS (SELECT 1 FROM memberships m
		WHERE m.organization_id = e.org_id AND m.account_id = e.account_id AND m.role = e.val)
	WHEN 'invitation' THEN NOT EXISTS (SELECT 1 FROM invitations i WHERE i.id = e.ref_id
		AND i.organization_id = e.org_id AND i.email = e.name)
	WHEN 'accepted' THEN NOT EXISTS (SELECT 1 FROM invitations i WHERE i.id = e.ref_id
		AND i.status = 'accepted' AND i.accepted_by = e.account_id)
	ELSE 1
END
GROUP BY e.what;

SELECT 'checked', 'acknowledged writes', COUNT(*), '' FROM fault_expect;

-- Invariants over the whole database.
SELECT 'invariant', 'organization whose owner is not an account', COUNT(*),
	COALESCE(SUBSTRING(GROUP_CONCAT(o.id), 1, 200), '')
FROM organizations o LEFT JOIN accounts a ON a.id = o.owner_account_id WHERE a.id IS NULL;

SELECT 'invariant', 'organization whose owner is not a member', COUNT(*),
	COALESCE(SUBSTRING(GROUP_CONCAT(o.id), 1, 200), '')
FROM organizations o
WHERE NOT EXISTS (SELECT 1 FROM memberships m WHERE m.organization_id = o.id AND m.account_id = o.owner_account_id);

SELECT 'invariant', 'more than one membership per account and organization', COUNT(*),
	COALESCE(SUBSTRING(GROUP_CONCAT(CONCAT(d.organization_id, ':', d.account_id)), 1, 200), '')
FROM (SELECT organization_id, account_id FROM memberships GROUP BY organization_id, account_id
	HAVING COUNT(*) > 1) d;

-- Seats are members plus pending invitations not yet expired (README, "Plans, seats and usage").
SELECT 'invariant', 'seats over the plan limit', COUNT(*),
	COALESCE(SUBSTRING(GROUP_CONCAT(CONCAT(s.id, '=', s.seats)), 1, 200), '')
FROM (SELECT o.id,
		(SELECT COUNT(*) FROM memberships m WHERE m.organization_id = o.id)
		+ (SELECT COUNT(*) FROM invitations i WHERE i.organization_id = o.id AND i.status = 'pending'
			AND i.expires_at > CAST(UNIX_TIMESTAMP(NOW(6)) * 1000000 AS SIGNED)) AS seats
	FROM organizations o WHERE o.plan = @seat_plan) s
WHERE s.seats > @seat_limit;

-- Half-written changes: what one transaction writes together, found in part.
SELECT 'invariant', 'account without its sign-up token', COUNT(*),
	COALESCE(SUBSTRING(GROUP_CONCAT(a.id), 1, 200), '')
FROM accounts a WHERE NOT EXISTS (SELECT 1 FROM access_tokens t WHERE t.account_id = a.id);

SELECT 'invariant', 'username held by nobody', COUNT(*),
	COALESCE(SUBSTRING(GROUP_CONCAT(h.handle), 1, 200), '')
FROM handles h
WHERE NOT EXISTS (SELECT 1 FROM accounts a WHERE a.username = h.handle)
	AND NOT EXISTS (SELECT 1 FROM organizations o WHERE o.username = h.handle);

SELECT 'invariant', 'accepted invitation without its membership', COUNT(*),
	COALESCE(SUBSTRING(GROUP_CONCAT(i.id), 1, 200), '')
FROM invitations i
WHERE i.status = 'accepted' AND NOT EXISTS (SELECT 1 FROM memberships m
	WHERE m.organization_id = i.organization_id AND m.account_id = i.accepted_by);

-- A change and its audit event are written in one transaction: an event without its change is a
-- transaction that committed in part. (The load removes no member and deletes nothing.)
SELECT 'invariant', CONCAT(a.action, ' audit event without its row'), COUNT(*),
	COALESCE(SUBSTRING(GROUP_CONCAT(CONCAT(a.id, '>', a.target_id)), 1, 200), '')
FROM audit_events a
WHERE (a.action = 'invitation.created' AND NOT EXISTS (SELECT 1 FROM invitations i WHERE i.id = a.target_id))
	OR (a.action = 'member.added' AND NOT EXISTS (SELECT 1 FROM memberships m
		WHERE m.organization_id = a.organization_id AND m.account_id = a.target_id))
	OR (a.action = 'invitation.accepted' AND NOT EXISTS (SELECT 1 FROM memberships m
		WHERE m.organization_id = a.organization_id AND m.account_id = a.actor_account_id))
	OR (a.action = 'organization.created' AND NOT EXISTS (SELECT 1 FROM organizations o WHERE o.id = a.organization_id))
	OR (a.action = 'account.created' AND NOT EXISTS (SELECT 1 FROM accounts c WHERE c.id = a.target_id))
	OR (a.action = 'invitation.accepted' AND NOT EXISTS (SELECT 1 FROM invitations i WHERE i.id = a.target_id
		AND i.status = 'accepted' AND i.accepted_by = a.actor_account_id))
GROUP BY a.action;

SELECT 'invariant', 'membership of a missing account or organization', COUNT(*), ''
FROM memberships m
WHERE NOT EXISTS (SELECT 1 FROM accounts a WHERE a.id = m.account_id)
	OR NOT EXISTS (SELECT 1 FROM organizations o WHERE o.id = m.organization_id);

-- What the node holds, to compare nodes with each other.
SELECT 'rows', 'accounts organizations memberships invitations', 0,
	CONCAT((SELECT COUNT(*) FROM accounts), ' ', (SELECT COUNT(*) FROM organizations), ' ',
		(SELECT COUNT(*) FROM memberships), ' ', (SELECT COUNT(*) FROM invitations));
