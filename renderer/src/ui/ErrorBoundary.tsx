import { Component, type ErrorInfo, type ReactNode } from 'react';

interface State {
  message: string | null;
}

/** Keeps a rendering bug in one pane from blanking the window; offers a way back. */
export class ErrorBoundary extends Component<{ children: ReactNode; area: string }, State> {
  state: State = { message: null };

  static getDerivedStateFromError(error: unknown): State {
    return { message: error instanceof Error ? error.message : String(error) };
  }

  componentDidCatch(_error: unknown, _info: ErrorInfo) {
    // The message is shown in place; nothing else to do.
  }

  render() {
    if (this.state.message === null) return this.props.children;
    return (
      <div className="pane-crash" role="alert">
        <p>
          The {this.props.area} could not be shown: {this.state.message}
        </p>
        <button type="button" className="btn" onClick={() => this.setState({ message: null })}>
          Try again
        </button>
      </div>
    );
  }
}
