import { Schema, Types } from "mongoose";
import { enumValues } from "../catalog/enums";
import { Role } from "./roles";

/** A person who signs in with API tokens. A VENDOR is bound to exactly one organisation. */
export interface UserDoc {
  _id: Types.ObjectId;
  email: string;
  name: string | null;
  role: Role;
  organisation: Types.ObjectId | null;
  disabled: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export const userSchema = new Schema<UserDoc>(
  {
    email: { type: String, required: true, unique: true, maxlength: 254, lowercase: true, trim: true },
    name: { type: String, default: null, maxlength: 200 },
    role: { type: String, enum: enumValues(Role), required: true },
    organisation: { type: Schema.Types.ObjectId, default: null },
    disabled: { type: Boolean, default: false },
  },
  { timestamps: true, collection: "users" },
);
