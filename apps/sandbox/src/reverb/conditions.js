/** Reverb's listing conditions, from its published condition list (platforms.md). */
export const REVERB_CONDITION_TABLE = [
    { uuid: '7c3f45de-2ae0-4c81-8400-fdb6b1d74890', display_name: 'Brand New', slug: 'brand-new', grade: 'new', multipleUnits: true },
    { uuid: 'ac5b9c1e-dc78-466d-b0b3-7cf712967a48', display_name: 'Mint', slug: 'mint', grade: 'mint', multipleUnits: true },
    { uuid: '9225283f-60c2-4413-ad18-1f5eba7a856f', display_name: 'B-Stock', slug: 'b-stock', grade: null, multipleUnits: true },
    { uuid: 'df268ad1-c462-4ba6-b6db-e007e23922ea', display_name: 'Excellent', slug: 'excellent', grade: 'excellent', multipleUnits: false },
    { uuid: 'ae4d9114-1bd7-4ec5-a4ba-6653af5ac84d', display_name: 'Very Good', slug: 'very-good', grade: 'very_good', multipleUnits: false },
    { uuid: 'f7a3f48c-972a-44c6-b01a-0cd27488d3f6', display_name: 'Good', slug: 'good', grade: 'good', multipleUnits: false },
    { uuid: '98777886-76d0-44c8-865e-bb40e669e934', display_name: 'Fair', slug: 'fair', grade: 'fair', multipleUnits: false },
    { uuid: '6a9dfcad-600b-46c8-9e08-ce6e5057921e', display_name: 'Poor', slug: 'poor', grade: 'poor', multipleUnits: false },
    { uuid: 'fbf35668-96a0-4baa-bcde-ab18d6b1b329', display_name: 'Non Functioning', slug: 'non-functioning', grade: 'non_functioning', multipleUnits: false },
];
export function conditionByUuid(uuid) {
    return REVERB_CONDITION_TABLE.find((c) => c.uuid === uuid);
}
export function conditionByGrade(grade) {
    return grade ? REVERB_CONDITION_TABLE.find((c) => c.grade === grade) : undefined;
}
//# sourceMappingURL=conditions.js.map