/// A Markdown notebook: prose, ```strata cells and their recorded ```output fences.
public struct Notebook: Sendable {}
