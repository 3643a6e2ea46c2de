using System;
using System.Collections.Generic;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Models;

namespace RenderbusPS.Core.Http
{
    /// <summary>A change the service accepted: an operation applied to ids of one kind.</summary>
    internal sealed class RbChange
    {
        public RbChange(RbOperation operation, RbKind kind, IReadOnlyCollection<long> ids)
        {
            Operation = operation ?? throw new ArgumentNullException(nameof(operation));
            Kind = kind;
            Ids = ids ?? throw new ArgumentNullException(nameof(ids));
        }

        public RbOperation Operation { get; }
        public RbKind Kind { get; }
        public IReadOnlyCollection<long> Ids { get; }
    }

    /// <summary>Something that wants to hear of changes (a pager).</summary>
    internal interface IRbChangeListener
    {
        void OnChange(RbChange change);
    }

    /// <summary>
    /// The changes one client made, told to the pagers of that client that are still reading. A pager that has given
    /// out ids which a later call then moved out of its list (<c>Get-RbTask -Status Rendering | Stop-RbTask</c>) learns
    /// it here, before it asks for its next page, and so asks for the page where its next item now is. Listeners are
    /// held weakly: a pager nobody reads any more costs nothing.
    /// </summary>
    internal sealed class RbChangeFeed
    {
        private readonly object gate = new object();
        private readonly List<WeakReference<IRbChangeListener>> listeners = new List<WeakReference<IRbChangeListener>>();

        internal void Subscribe(IRbChangeListener listener)
        {
            lock (gate) listeners.Add(new WeakReference<IRbChangeListener>(listener));
        }

        internal void Unsubscribe(IRbChangeListener listener)
        {
            lock (gate) listeners.RemoveAll(w => !w.TryGetTarget(out var l) || ReferenceEquals(l, listener));
        }

        /// <summary>Tells every live listener; called by Core after the service accepted a change.</summary>
        public void Publish(RbChange change)
        {
            if (change.Ids.Count == 0 || change.Operation.Effects == RbEffect.None) return;
            var live = new List<IRbChangeListener>();
            lock (gate)
            {
                listeners.RemoveAll(w => !w.TryGetTarget(out _));
                foreach (var w in listeners)
                {
                    if (w.TryGetTarget(out var l)) live.Add(l);
                }
            }
            foreach (var l in live) l.OnChange(change);
        }

        /// <summary>Listeners still subscribed (for tests).</summary>
        internal int ListenerCount
        {
            get { lock (gate) { listeners.RemoveAll(w => !w.TryGetTarget(out _)); return listeners.Count; } }
        }
    }
}
