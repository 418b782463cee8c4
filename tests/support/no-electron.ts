throw new Error(
  'electron was imported outside main/electron/ and main/index.ts. Only those may import it; tests of them mock it with vi.mock("electron").',
)
