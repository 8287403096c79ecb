import type { Metadata } from "next";
import { ProfileForm } from "@/components/profile/profile-form";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/server/auth/guards";
import { getHolderProfileFields } from "@/server/ownership/holder-profile";

export const metadata: Metadata = { title: "Profile" };

export default async function ProfilePage() {
  const user = await requireUser("/profile");
  const stored = await getHolderProfileFields(user.id);
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <PageHeader
        title="Your profile"
        description="We compare these details with the owners your bank reports, to confirm each linked account is yours. Blank fields are not compared."
      />
      <Card>
        <ProfileForm stored={{ ...stored, name: stored.name || (user.name ?? ""), email: stored.email || (user.email ?? "") }} />
      </Card>
    </div>
  );
}
