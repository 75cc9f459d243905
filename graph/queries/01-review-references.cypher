// title: The review's references and what they mention
// purpose: Works cited by Kirk et al. 2025 (the five known offline) with the concepts each one mentions.
MATCH (r:Work {isReview: true})-[:CITES]->(w:Work)-[:MENTIONS]->(c:Concept)
RETURN w AS work, w.year AS year, c AS concept
ORDER BY year DESC, w.title, c.name
