// title: What the review did not cite
// purpose: Works that the review's references cite but the review itself does not, by how many of its references cite them (the first half of the "Not cited" audit).
MATCH (review:Work {isReview: true})-[:CITES]->(ref:Work)-[:CITES]->(w:Work)
WHERE w.id <> review.id AND NOT EXISTS { MATCH (review)-[:CITES]->(w) }
RETURN w.id AS work, w.title AS title, w.year AS year, count(DISTINCT ref) AS citedByReferences
ORDER BY citedByReferences DESC, work
