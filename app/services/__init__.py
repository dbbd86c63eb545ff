"""What a coordinator does, one function per verb, each taking a Session.

Services never open or commit a session and never import Qt; they return a `Changes` value
saying which kinds of record changed, so every open page can decide whether to refresh.
"""
