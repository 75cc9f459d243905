// title: Myokines that act on bone, and the evidence
// purpose: Factors classed as myokines with a curated ACTS_ON bone relation, its effect and the works that support it.
MATCH (f:Concept)-[:IS_A]->(:Concept {id: 'concept:myokine'})
MATCH (f)-[a:ACTS_ON]->(:Concept {id: 'concept:bone'})
MATCH (w:Work) WHERE w.id IN a.evidence
RETURN f AS factor, a.effect AS effect, w AS evidence, w.year AS year
ORDER BY f.name, year DESC, w.title
