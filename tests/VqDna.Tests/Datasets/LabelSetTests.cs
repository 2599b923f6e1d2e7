using VqDna.Datasets;

namespace VqDna.Tests.Datasets;

public sealed class LabelSetTests
{
    [Fact]
    public void IntegerLabelsSortByValue() =>
        Assert.Equal(["-1", "2", "10"], LabelSet.FromLabels(["10", "2", "-1", "2"]).Names);

    [Fact]
    public void StringLabelsSortOrdinally() =>
        Assert.Equal(["ei", "ie", "n"], LabelSet.FromLabels(["n", "ie", "ei", "n"]).Names);

    [Fact]
    public void OrderDoesNotDependOnRowOrder() =>
        Assert.Equal(LabelSet.FromLabels(["b", "a", "c"]).Names, LabelSet.FromLabels(["c", "b", "a"]).Names);

    [Fact]
    public void SavedOrderRoundTrips()
    {
        using var temp = RepoData.NewTempFolder();
        var labels = new LabelSet(["promoter", "background"]); // deliberately not sorted
        labels.Save(temp.File("labels.json"));
        Assert.Equal(labels.Names, LabelSet.Load(temp.File("labels.json")).Names);
    }

    [Fact]
    public void DuplicateNamesAreRejected() => Assert.Throws<ArgumentException>(() => new LabelSet(["a", "a"]));
}
