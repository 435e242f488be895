// Point-by-point study: the share of a card's points remembered suggests a rating
// (1 Again, 2 Hard, 3 Good, 4 Easy). The person may still choose another.
export function suggestRating(remembered: number, total: number): 1 | 2 | 3 | 4 {
  if (total === 0) return 3;
  const share = remembered / total;
  if (share < 0.5) return 1;
  if (share < 0.8) return 2;
  if (share < 1) return 3;
  return 4;
}
