// title: Concepts co-mentioned with sclerostin
// purpose: Which concepts appear in the same works as sclerostin, and how often.
MATCH (:Concept {id: 'concept:sclerostin'})<-[:MENTIONS]-(w:Work)-[:MENTIONS]->(c:Concept)
WHERE c.id <> 'concept:sclerostin'
WITH c, count(w) AS works
RETURN c AS concept, c.name AS name, works
ORDER BY works DESC, name
