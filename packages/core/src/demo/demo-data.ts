import { en, Faker } from "@faker-js/faker";

// Shapes of a plausible B2B customer base: a few big enterprise accounts, many small ones.
export const industries = [
  "fintech",
  "saas",
  "healthcare",
  "retail",
  "manufacturing",
  "education",
  "media",
  "logistics",
  "public sector",
  "energy",
  "insurance",
  "telecom",
] as const;

interface Place {
  region: string;
  countries: readonly string[];
}

export const regions: readonly [Place, Place, Place, Place] = [
  { region: "NA", countries: ["US", "US", "US", "CA"] },
  { region: "EMEA", countries: ["GB", "DE", "FR", "NL", "SE", "ES", "IE", "AE"] },
  { region: "APAC", countries: ["AU", "JP", "SG", "IN", "NZ"] },
  { region: "LATAM", countries: ["BR", "MX", "AR", "CL"] },
];

const titles = [
  "VP Marketing",
  "Head of Customer Success",
  "Customer Success Manager",
  "Product Manager",
  "Senior Software Engineer",
  "Engineering Manager",
  "Director of Operations",
  "CTO",
  "CFO",
  "Marketing Operations Manager",
  "Data Analyst",
  "IT Administrator",
  "Head of Sales",
  "Revenue Operations Lead",
  "Community Manager",
  "Solutions Architect",
  "Chief Customer Officer",
  "Support Team Lead",
];

export function demoFaker(seed = 20261123): Faker {
  const faker = new Faker({ locale: [en] });
  faker.seed(seed);
  return faker;
}

export function demoAccount(faker: Faker) {
  const place = faker.helpers.weightedArrayElement([
    { weight: 45, value: regions[0] },
    { weight: 32, value: regions[1] },
    { weight: 15, value: regions[2] },
    { weight: 8, value: regions[3] },
  ]);
  // Log-uniform size between 10 and 50,000 employees.
  const employeeCount = Math.round(10 * 5000 ** faker.number.float({ min: 0, max: 1 }));
  const plan = employeeCount > 2000 ? "enterprise" : employeeCount > 200 ? "growth" : "starter";
  const seatPrice = { starter: 90, growth: 160, enterprise: 240 }[plan];
  const seats = Math.max(5, Math.round(employeeCount * faker.number.float({ min: 0.02, max: 0.15 })));
  const name = faker.company.name();
  const domainStem = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "")
    .slice(0, 24);
  return {
    name,
    domain: `${domainStem || "company"}${faker.number.int({ min: 1, max: 999 })}.${faker.helpers.arrayElement(["com", "io", "co", "net"])}`,
    industry: faker.helpers.arrayElement(industries),
    employeeCount,
    region: place.region,
    country: faker.helpers.arrayElement(place.countries),
    plan,
    arr: Math.round(seats * seatPrice * 12),
    lifecycleStage: faker.helpers.weightedArrayElement([
      { weight: 80, value: "customer" },
      { weight: 8, value: "onboarding" },
      { weight: 7, value: "renewal-risk" },
      { weight: 5, value: "churned" },
    ]),
    externalIds: { hubspot: String(faker.number.int({ min: 1_000_000, max: 9_999_999 })) },
  };
}

export function demoContact(faker: Faker, account: { id: string; domain: string | null; region: string | null }) {
  const firstName = faker.person.firstName();
  const lastName = faker.person.lastName();
  const local = `${firstName}.${lastName}`.toLowerCase().replace(/[^a-z.]/g, "");
  return {
    accountId: account.id,
    firstName,
    lastName,
    title: faker.helpers.arrayElement(titles),
    region: account.region,
    locale: faker.helpers.weightedArrayElement([
      { weight: 70, value: "en" },
      { weight: 8, value: "de" },
      { weight: 8, value: "fr" },
      { weight: 7, value: "es" },
      { weight: 7, value: "pt-BR" },
    ]),
    phone: faker.helpers.maybe(() => faker.phone.number({ style: "international" }), { probability: 0.4 }) ?? null,
    lifecycleStage: faker.helpers.weightedArrayElement([
      { weight: 70, value: "identified" as const },
      { weight: 10, value: "invited" as const },
      { weight: 6, value: "onboarded" as const },
      { weight: 8, value: "active" as const },
      { weight: 3, value: "champion" as const },
      { weight: 3, value: "lapsed" as const },
    ]),
    socialHandles:
      faker.helpers.maybe(() => ({ linkedin: `in/${local.replace(".", "-")}` }), { probability: 0.5 }) ?? {},
    consent: { marketingEmail: { granted: faker.datatype.boolean({ probability: 0.8 }) } },
    emailLocal: local,
  };
}
