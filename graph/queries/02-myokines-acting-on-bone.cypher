// title: Myokines that act on bone, and whether each counts as a muscle-to-bone signal
// purpose: The crosstalk rule (src/model/crosstalk-rule.ts): a factor counts in skeletal muscle → bone only when works here say both that muscle (or a muscle cell) secretes it and that it acts on bone (or a bone sub-tissue or bone cell); members of the class myokine (directly or through a subclass) acting on bone, with countedInMuscleToBone false where only the class is said to come from muscle.
MATCH (f:Concept)-[:IS_A*1..4]->(:Concept {id: 'concept:myokine'})
WITH DISTINCT f
MATCH (f)-[a:ACTS_ON]->(t:Concept)
WHERE t.id IN ['concept:bone', 'concept:osteoblast', 'concept:osteocyte', 'concept:osteoclast']
   OR (t)-[:IS_A]->(:Concept {id: 'concept:bone'})
OPTIONAL MATCH (f)-[s:SECRETED_BY]->(m:Concept)
WHERE m.id IN ['concept:skeletal-muscle', 'concept:satellite-cell', 'concept:myoblast', 'concept:myofiber', 'concept:fap']
   OR (m)-[:IS_A]->(:Concept {id: 'concept:skeletal-muscle'})
WITH f, a, t, count(s) AS muscleSources
MATCH (w:Work) WHERE w.id IN a.evidence
RETURN f AS factor, t AS target, a.effect AS effect, muscleSources > 0 AS countedInMuscleToBone, w AS evidence, w.year AS year
ORDER BY f.name, t.name, year DESC, w.title
