// title: Works citing the most of the graph (review finder)
// purpose: Works ranked by how many works of this graph they cite: the whole-graph review finder behind "Which works cite the most of this graph?" (citations only; ties by citations received in the graph).
MATCH (w:Work)-[:CITES]->(cited:Work)
WITH w, count(DISTINCT cited) AS citesInGraph
ORDER BY citesInGraph DESC, w.citedByCount DESC, w.id
LIMIT 20
RETURN w.id AS work, w.title AS title, w.year AS year, citesInGraph, w.citedByCount AS citedInGraph
