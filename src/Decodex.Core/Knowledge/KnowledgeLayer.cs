namespace Decodex.Core.Knowledge;

/// <summary>Who made a knowledge-base entry: people (curated, cited and graded) or a machine (copied from a label).</summary>
public enum KnowledgeLayer
{
    /// <summary>Written by a curator from the sources it cites; claims are graded.</summary>
    Curated,

    /// <summary>Made by the label importer from a US product label; no curator has read it yet.</summary>
    Label,
}
