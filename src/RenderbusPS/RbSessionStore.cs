using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;
using RenderbusPS.Core;

namespace RenderbusPS
{
    /// <summary>The default session of each runspace (not process-wide: two runspaces may use two accounts).</summary>
    internal static class RbSessionStore
    {
        private sealed class Holder
        {
            public RbSession? Session;
        }

        private static readonly ConditionalWeakTable<Runspace, Holder> table = new ConditionalWeakTable<Runspace, Holder>();
        private static readonly Holder noRunspace = new Holder();

        private static Holder Current
        {
            get
            {
                var runspace = Runspace.DefaultRunspace;
                return runspace == null ? noRunspace : table.GetValue(runspace, _ => new Holder());
            }
        }

        public static RbSession? Default
        {
            get => Current.Session;
            set => Current.Session = value;
        }
    }
}
