// title: Muscle-to-bone signals
// purpose: Factors secreted by skeletal muscle that act on bone or bone cells, with the effect and the number of supporting works.
MATCH (:Concept {id: 'concept:skeletal-muscle'})<-[:SECRETED_BY]-(f:Concept)-[a:ACTS_ON]->(t:Concept)
WHERE t.id = 'concept:bone' OR (t)-[:IS_A]->(:Concept {id: 'concept:bone'}) OR t.category = 'cell'
RETURN f AS factor, t AS target, a.effect AS effect, size(a.evidence) AS works
ORDER BY f.name, t.name
