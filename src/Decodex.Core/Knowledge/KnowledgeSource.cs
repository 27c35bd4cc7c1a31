namespace Decodex.Core.Knowledge;

/// <summary>
/// One knowledge-base source file: its path relative to the knowledge folder, with forward slashes
/// (<c>compounds/cerebrolysin.yaml</c>), and its text.
/// </summary>
public sealed record KnowledgeSource(string Path, string Text);
