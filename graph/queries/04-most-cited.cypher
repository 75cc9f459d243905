// title: Most-cited works in the graph
// purpose: Works ranked by citations received from other works in this graph (not global citation counts).
MATCH (w:Work)<-[:CITES]-(citing:Work)
WITH w, count(citing) AS citedBy
ORDER BY citedBy DESC, w.title
LIMIT 15
RETURN w AS work, w.year AS year, citedBy
