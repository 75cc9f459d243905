// title: Works cited together (co-citation)
// purpose: Pairs of works that other works of the graph cite together, most often first: the co-citation count behind "Related works" (citations only; "similar articles" never count).
MATCH (a:Work)<-[:CITES]-(citing:Work)-[:CITES]->(b:Work)
WHERE a.id < b.id
WITH a, b, count(DISTINCT citing) AS citedTogether
ORDER BY citedTogether DESC, a.id, b.id
LIMIT 20
RETURN a.id AS work, a.title AS title, b.id AS citedWith, b.title AS citedWithTitle, citedTogether
