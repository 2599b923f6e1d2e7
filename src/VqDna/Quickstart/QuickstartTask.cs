namespace VqDna.Quickstart;

/// <summary>A task the quickstart built: its name, classes, split sizes and how it was made.</summary>
/// <param name="Name">Folder name under tasks/.</param>
/// <param name="Classes">Class names.</param>
/// <param name="Train">Training examples.</param>
/// <param name="Dev">Dev examples.</param>
/// <param name="Test">Test examples.</param>
/// <param name="Description">How examples and splits were made.</param>
public sealed record QuickstartTask(string Name, IReadOnlyList<string> Classes, int Train, int Dev, int Test, string Description);
