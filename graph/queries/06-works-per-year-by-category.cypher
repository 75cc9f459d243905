// title: Works per year per concept category
// purpose: How many works of each year mention a concept of each category (works without a year left out).
MATCH (w:Work)-[:MENTIONS]->(c:Concept)
WHERE w.year IS NOT NULL
RETURN w.year AS year, c.category AS category, count(DISTINCT w) AS works
ORDER BY year, category
