/**
 * The labels a focused view draws (picked by the LabelController, read by the reducers); outside
 * the store because they change with the camera, not with the view state.
 */
let picked: ReadonlySet<string> | null = null;

/** The ids to label in a focused view (null: sigma's label grid decides). */
export function getPickedLabels(): ReadonlySet<string> | null {
  return picked;
}

/** Sets the ids to label (null: back to sigma's label grid). */
export function setPickedLabels(ids: ReadonlySet<string> | null): void {
  picked = ids;
}
