"""Quality: feedback on finished jobs, daily quality calls, complaints, ideas, group scores."""
