// title: From the review to works on irisin
// purpose: Works on irisin reachable from the review in one or two citation steps, or through a shared concept.
MATCH (r:Work {isReview: true})-[:CITES]->(w:Work)-[:MENTIONS]->(c:Concept)<-[:MENTIONS]-(x:Work)-[:MENTIONS]->(:Concept {id: 'concept:irisin'})
RETURN w AS reference, c AS via, x AS irisinWork, x.year AS year
ORDER BY w.title, c.name, x.title
LIMIT 50
