namespace RenderbusPS.Core.Models
{
    /// <summary>A label on a task (<c>addTaskLabel</c>); <see cref="LabelId"/> is what <c>deleteTaskLabel</c>
    /// takes.</summary>
    /// <remarks>Read from a task's <c>labels</c> by <see cref="RbWireLabels"/>.</remarks>
    public sealed class RbTaskLabel
    {
        public RbTaskLabel(long labelId, string name)
        {
            LabelId = labelId;
            Name = name ?? string.Empty;
        }

        public long LabelId { get; }
        public string Name { get; }

        public override string ToString() => Name;
    }
}
