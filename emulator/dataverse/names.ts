/** Word lists for realistic generated data. Fictional, mixed-origin, ASCII so emails stay valid. */

export const FIRST_NAMES = [
  'Aaliyah', 'Aaron', 'Adele', 'Ahmed', 'Aiko', 'Alejandro', 'Alice', 'Amara', 'Andrea', 'Anika', 'Arjun', 'Astrid',
  'Beatriz', 'Benjamin', 'Bianca', 'Bjorn', 'Camila', 'Carlos', 'Chen', 'Chloe', 'Daniel', 'Dara', 'David', 'Elena',
  'Elif', 'Emeka', 'Emma', 'Fatima', 'Felix', 'Freya', 'Gabriel', 'Grace', 'Hana', 'Hannah', 'Hugo', 'Ines', 'Isaac',
  'Ivan', 'Jamal', 'Jana', 'Javier', 'Jonas', 'Kai', 'Kenji', 'Lara', 'Leila', 'Liam', 'Lucia', 'Mads', 'Maria',
  'Mateo', 'Maya', 'Mei', 'Mohammed', 'Nadia', 'Niamh', 'Nikolai', 'Noah', 'Olivia', 'Omar', 'Pablo', 'Priya',
  'Rafael', 'Ravi', 'Rosa', 'Sakura', 'Samuel', 'Sara', 'Sofia', 'Tariq', 'Thomas', 'Yara', 'Yusuf', 'Zoe',
] as const

export const LAST_NAMES = [
  'Abbott', 'Adeyemi', 'Alvarez', 'Andersen', 'Bauer', 'Becker', 'Bianchi', 'Brennan', 'Castillo', 'Chen', 'Costa',
  'Dubois', 'Eriksson', 'Fernandes', 'Fischer', 'Fontaine', 'Garcia', 'Gupta', 'Haddad', 'Hansen', 'Hoffmann',
  'Ibrahim', 'Ito', 'Jansen', 'Kaur', 'Kim', 'Kowalski', 'Larsen', 'Laurent', 'Lee', 'Lopez', 'Martin', 'Meyer',
  'Moreau', 'Morgan', 'Murphy', 'Nakamura', 'Nguyen', 'Novak', 'Okafor', 'Olsen', 'Patel', 'Petrov', 'Popescu',
  'Quinn', 'Ramirez', 'Rossi', 'Sato', 'Schmidt', 'Silva', 'Singh', 'Svensson', 'Tanaka', 'Torres', 'Van Dijk',
  'Wagner', 'Walsh', 'Weber', 'Wilson', 'Yamamoto', 'Yilmaz', 'Zhang',
] as const

export const CITIES: readonly (readonly [string, string])[] = [
  ['Seattle', 'United States'], ['Redmond', 'United States'], ['Chicago', 'United States'], ['Austin', 'United States'],
  ['New York', 'United States'], ['Toronto', 'Canada'], ['Vancouver', 'Canada'], ['Mexico City', 'Mexico'],
  ['Sao Paulo', 'Brazil'], ['Buenos Aires', 'Argentina'], ['London', 'United Kingdom'], ['Manchester', 'United Kingdom'],
  ['Dublin', 'Ireland'], ['Paris', 'France'], ['Lyon', 'France'], ['Berlin', 'Germany'], ['Munich', 'Germany'],
  ['Amsterdam', 'Netherlands'], ['Brussels', 'Belgium'], ['Zurich', 'Switzerland'], ['Vienna', 'Austria'],
  ['Madrid', 'Spain'], ['Barcelona', 'Spain'], ['Lisbon', 'Portugal'], ['Milan', 'Italy'], ['Stockholm', 'Sweden'],
  ['Oslo', 'Norway'], ['Copenhagen', 'Denmark'], ['Helsinki', 'Finland'], ['Warsaw', 'Poland'], ['Prague', 'Czechia'],
  ['Istanbul', 'Turkey'], ['Dubai', 'United Arab Emirates'], ['Cairo', 'Egypt'], ['Lagos', 'Nigeria'],
  ['Nairobi', 'Kenya'], ['Cape Town', 'South Africa'], ['Mumbai', 'India'], ['Bengaluru', 'India'],
  ['Singapore', 'Singapore'], ['Tokyo', 'Japan'], ['Osaka', 'Japan'], ['Seoul', 'South Korea'], ['Shanghai', 'China'],
  ['Sydney', 'Australia'], ['Melbourne', 'Australia'], ['Auckland', 'New Zealand'],
]

export const COMPANY_FIRST = [
  'Adventure', 'Alpine', 'Blue', 'Bright', 'Cedar', 'Coho', 'Contoso', 'Fabrikam', 'Fourth', 'Graphic', 'Humongous',
  'Lamna', 'Litware', 'Lucerne', 'Margie', 'Nod', 'Northwind', 'Proseware', 'Relecloud', 'Southridge', 'Tailspin',
  'Trey', 'Wide World', 'Wingtip', 'Woodgrove', 'Silver', 'Golden', 'Red', 'Green', 'Iron', 'Maple', 'Harbor',
  'Summit', 'River', 'Granite', 'Oak', 'Polar', 'Sunrise', 'Coastal', 'Prairie',
] as const

export const COMPANY_SECOND = [
  'Works', 'Coffee', 'Winery', 'Insurance', 'Design Institute', 'Publishing', 'Traders', 'Airlines', 'Bank',
  'Healthcare', 'Research', 'Toys', 'Logistics', 'Solutions', 'Systems', 'Foods', 'Motors', 'Energy', 'Labs',
  'Consulting', 'Outfitters', 'Pharmaceuticals', 'Studios', 'Electronics', 'Textiles', 'Builders', 'Partners',
] as const

export const COMPANY_SUFFIX = ['', '', '', ' Inc.', ' Ltd', ' Group', ' Corp', ' LLC', ' GmbH', ' & Co.', ' SA', ' BV'] as const

export const JOB_TITLES = [
  'Purchasing Manager', 'Chief Executive Officer', 'Chief Financial Officer', 'IT Director', 'Sales Representative',
  'Account Manager', 'Operations Manager', 'Marketing Specialist', 'Procurement Lead', 'Software Engineer',
  'Solution Architect', 'Office Manager', 'Customer Service Lead', 'Product Owner', 'Controller', 'Buyer',
  'Plant Manager', 'HR Business Partner', 'Data Analyst', 'Project Manager',
] as const

export const PROJECT_WORDS = [
  'CRM Rollout', 'Data Migration', 'Portal Refresh', 'Field Service Pilot', 'Sales Accelerator', 'ERP Integration',
  'Customer Insights', 'Power BI Dashboards', 'Security Review', 'Licence Audit', 'Marketing Automation',
  'Case Management', 'Mobile App', 'Dataverse Upgrade', 'Copilot Readiness', 'Training Programme',
] as const
