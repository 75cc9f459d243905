// title: Works sharing references (bibliographic coupling)
// purpose: Pairs of works of the graph that list the same references, most shared first: the coupling count behind "Related works" (citations only).
MATCH (a:Work)-[:CITES]->(ref:Work)<-[:CITES]-(b:Work)
WHERE a.id < b.id
WITH a, b, count(DISTINCT ref) AS sharedReferences
ORDER BY sharedReferences DESC, a.id, b.id
LIMIT 20
RETURN a.id AS work, a.title AS title, b.id AS coupledWith, b.title AS coupledWithTitle, sharedReferences
