export async function loadDemoReferrals() {}
